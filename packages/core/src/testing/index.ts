export { createTestContext, libraryTrack, type TestContext, type TestContextOptions } from './test-context.js';
export { checkSourceContract, type ContractOptions } from './source-contract.js';
export { sourceShapeProblems } from '../sources/source-shape.js';
