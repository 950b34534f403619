import { describe, expect, it } from '@jest/globals';
import { defineErrorCodes, defineSource, ExitCode, HarmoniqError, type PlaylistSource } from '@harmoniq/core';
import { registeredErrorCodes } from '@harmoniq/core/pipeline';
import { checkSourceContract, createTestContext, sourceShapeProblems } from '@harmoniq/core/testing';

const ACME = defineErrorCodes({ EACMEKEY: 'Acme rejected the key.', EACME: 'An Acme request failed.' });

function acmeSource(name: string, errorCodes: PlaylistSource['errorCodes'], raise?: () => never): PlaylistSource {
  return defineSource({
    apiVersion: 1,
    name,
    description: 'Acme radio.',
    defaults: { playlist: 'Acme', size: 5 },
    ...(errorCodes ? { errorCodes } : {}),
    parseOptions: () => ({ ok: true, value: {} }),
    async fetch() {
      if (raise) raise();
      return [];
    },
  });
}

describe('defineErrorCodes', () => {
  it('makes HarmoniqErrors with the plugin code, meaning a source failed (exit 1)', () => {
    const error = ACME.error({ code: 'EACMEKEY', message: 'Acme refused the key.', hint: 'Check ACME_KEY.' });
    expect(error).toBeInstanceOf(HarmoniqError);
    expect(error.toJSON()).toEqual({ code: 'EACMEKEY', message: 'Acme refused the key.', hint: 'Check ACME_KEY.' });
    expect(error.exitCode).toBe(ExitCode.sourceFailed);
    expect(ACME.meanings).toEqual({ EACMEKEY: 'Acme rejected the key.', EACME: 'An Acme request failed.' });
  });

  it("refuses a code of the wrong shape, a core code, and a meaning that is not one line, all at once", () => {
    expect(() => defineErrorCodes({ acme: 'x', ECONFIG: 'mine', EACMEX: 'two\nlines' })).toThrow(
      /error code 'acme' must be E followed by capital letters.*error code 'ECONFIG' is the core's \(The configuration is invalid\.\).*error code 'EACMEX' needs a one-line meaning/,
    );
  });
});

describe('registeredErrorCodes', () => {
  it('registers a declaration shared by several sources once, naming the first', () => {
    const { codes, clashes } = registeredErrorCodes([acmeSource('acme-a', ACME), acmeSource('plain', undefined), acmeSource('acme-b', ACME)]);
    expect(codes).toEqual([
      { code: 'EACMEKEY', meaning: 'Acme rejected the key.', source: 'acme-a' },
      { code: 'EACME', meaning: 'An Acme request failed.', source: 'acme-a' },
    ]);
    expect(clashes).toEqual([]);
  });

  it('reports another declaration giving a code another meaning', () => {
    const rival = defineErrorCodes({ EACMEKEY: 'My own meaning.' });
    const twin = defineErrorCodes({ EACME: 'An Acme request failed.' });
    const { clashes } = registeredErrorCodes([acmeSource('acme', ACME), acmeSource('rival', rival), acmeSource('twin', twin)]);
    expect(clashes).toEqual([{ code: 'EACMEKEY', first: 'acme', second: 'rival' }]);
  });
});

describe('errorCodes on the contract', () => {
  it('a source must make them with defineErrorCodes, with codes that are its own', () => {
    expect(sourceShapeProblems(acmeSource('acme', { meanings: { EACME: 'x' } } as unknown as PlaylistSource['errorCodes']))).toEqual([
      'errorCodes, when present, must be made with defineErrorCodes from @harmoniq/core',
    ]);
    const stolen = { meanings: { EPLEXAUTH: 'Mine.' }, error: ACME.error };
    expect(sourceShapeProblems(acmeSource('acme', stolen as unknown as PlaylistSource['errorCodes']))).toEqual([
      expect.stringContaining("error code 'EPLEXAUTH' is the core's"),
    ]);
  });

  it('the contract kit accepts a declared code and names an undeclared one', async () => {
    const context = createTestContext({ tracks: [] });
    const declared = acmeSource('acme', ACME, () => {
      throw ACME.error({ code: 'EACME', message: 'Acme is down.' });
    });
    expect(await checkSourceContract(declared, { validRaw: {}, context })).toEqual(['fetch: Acme is down.']);
    const undeclared = acmeSource('acme', undefined, () => {
      throw ACME.error({ code: 'EACME', message: 'Acme is down.' });
    });
    expect(await checkSourceContract(undeclared, { validRaw: {}, context })).toEqual([
      'fetch: Acme is down.',
      "fetch raised the error code EACME, which neither the core nor the source's errorCodes declare (defineErrorCodes)",
    ]);
  });
});
