import type { PlaylistSource } from '@harmoniq/core';
import type { IsolatedSourceRef } from '@harmoniq/core/pipeline';

/** How to run one loaded source in the plugin boundary, given its options (undefined: run it in-process). */
export type Isolator = (options: unknown) => Omit<IsolatedSourceRef, 'limits'> | undefined;

/** Sources loaded by this command that run in the boundary: third-party plugins and custom modules (ADR 0018). */
export type IsolationMap = Map<PlaylistSource<unknown>, Isolator>;
