import { Type } from 'typebox';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { StrictObject, Timestamp } from '../../http/schemas.js';

export const TestClock = Type.Object(
  {
    frozenTime: Timestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'TestClock', description: "A sandbox tenant's simulated time" },
);

export const getTestClockSchema = {
  operationId: 'getTestClock',
  tags: ['test-clock'],
  summary: "Read the sandbox tenant's test clock",
  response: { 200: TestClock, ...problems(...COMMON_PROBLEMS, 404, 409) },
};

export const setTestClockSchema = {
  operationId: 'setTestClock',
  tags: ['test-clock'],
  summary: 'Create the test clock at `at`, or move it forward to `at`',
  body: StrictObject({ at: Timestamp }),
  response: { 200: TestClock, ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 409, 422) },
};

export const advanceTestClockSchema = {
  operationId: 'advanceTestClock',
  tags: ['test-clock'],
  summary: 'Move the test clock forward and deliver every reminder that falls due',
  body: StrictObject({
    by: Type.Union([
      Type.String({ maxLength: 64, description: 'An ISO 8601 duration: P14D, PT36H, P1DT2H30M' }),
      Type.Number({ exclusiveMinimum: 0, description: 'Seconds' }),
    ]),
  }),
  response: { 200: TestClock, ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 409) },
};

export const deleteTestClockSchema = {
  operationId: 'deleteTestClock',
  tags: ['test-clock'],
  summary: 'Return the sandbox tenant to real time',
  response: { 204: Type.Null({ description: 'Deleted' }), ...problems(...COMMON_PROBLEMS, 409) },
};
