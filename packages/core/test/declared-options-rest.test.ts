import { describe, expect, it } from '@jest/globals';
import { option, readDeclaredOptions } from '@harmoniq/core';

const host = {
  module: option.text({ description: 'The module.', env: 'HOST_MODULE' }),
  settings: option.structured({ description: 'Handed on.', env: 'HOST_SETTINGS', rest: true, allowed: 'a section' }),
};
const plain = { module: option.text({ description: 'The module.' }) };

describe('a rest option', () => {
  it('takes the keys of sources.<name> no other option declares, instead of refusing them', () => {
    expect(readDeclaredOptions('host', host, { section: { module: 'a.mjs', months: 3, enabled: true }, env: {} })).toEqual({ ok: true, value: { module: 'a.mjs', settings: { months: 3 } } });
    expect(readDeclaredOptions('host', host, { section: { module: 'a.mjs' }, env: {} })).toEqual({ ok: true, value: { module: 'a.mjs' } });
  });

  it('hands on a near miss of a declared key too, with a warning', () => {
    expect(readDeclaredOptions('host', host, { section: { modul: 'a.mjs' }, env: {} })).toEqual({
      ok: true,
      value: { settings: { modul: 'a.mjs' } },
      warnings: ["sources.host.modul is handed on as an option of its own; did you mean 'module'?"],
    });
  });

  it('loses to its environment variable, with a warning naming the ignored section', () => {
    expect(readDeclaredOptions('host', host, { section: { months: 3 }, env: { HOST_SETTINGS: '{"months":9}' } })).toEqual({
      ok: true,
      value: { settings: '{"months":9}' },
      warnings: ['HOST_SETTINGS is set, so sources.host is ignored'],
    });
  });

  it('is the only way in: without one, undeclared keys are still refused', () => {
    expect(readDeclaredOptions('plain', plain, { section: { modul: 'a.mjs' }, env: {} })).toEqual({
      ok: false,
      errors: [{ path: 'sources.plain.modul', message: "sources.plain.modul is not an option of plain (did you mean 'module'?)" }],
    });
  });
});
