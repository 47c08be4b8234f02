import { ValueFunction } from '@arena/scoring';
import { ChallengeType, FlagKind } from './challenge.enums';
import { applyChallengeFields, assertFlags, assertValueParams, typeOf, valueFunctionOf } from './challenge-rules';
import { UpdateChallengeDto } from './dto/update-challenge.dto';
import { ChallengeEntity } from './entities/challenge.entity';

const challenge = (fields: Partial<ChallengeEntity>) => Object.assign(new ChallengeEntity(), fields);
const dto = (fields: Record<string, unknown>) => Object.assign(new UpdateChallengeDto(), fields);
const messageOf = (work: () => void) => {
  try {
    work();
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

describe('challenge rules', () => {
  it('should map the contract type and function to a value function when a challenge is defined', () => {
    expect(valueFunctionOf(ChallengeType.Standard, 'linear')).toBe(ValueFunction.Static);
    expect(valueFunctionOf(ChallengeType.Dynamic, 'linear')).toBe(ValueFunction.Linear);
    expect(valueFunctionOf(ChallengeType.Dynamic, 'logarithmic')).toBe(ValueFunction.Logarithmic);
    expect(valueFunctionOf(ChallengeType.Dynamic)).toBe(ValueFunction.Logarithmic);
    expect(typeOf(ValueFunction.Static)).toBe(ChallengeType.Standard);
    expect(typeOf(ValueFunction.Linear)).toBe(ChallengeType.Dynamic);
  });

  it('should change the value function only as far as a patch gives type or function', () => {
    const linear = challenge({ valueFunction: ValueFunction.Linear, name: 'a', initial: 100 });
    applyChallengeFields(linear, dto({ initial: 200 }));
    expect(linear).toMatchObject({ valueFunction: ValueFunction.Linear, initial: 200, name: 'a' });
    applyChallengeFields(linear, dto({ type: ChallengeType.Dynamic }));
    expect(linear.valueFunction).toBe(ValueFunction.Linear);
    applyChallengeFields(linear, dto({ function: 'logarithmic' }));
    expect(linear.valueFunction).toBe(ValueFunction.Logarithmic);
    applyChallengeFields(linear, dto({ type: ChallengeType.Standard }));
    expect(linear.valueFunction).toBe(ValueFunction.Static);
  });

  it('should refuse null naming the field when the field cannot be cleared', () => {
    for (const field of ['name', 'description', 'tags', 'state', 'maxAttempts', 'position', 'value', 'flags']) {
      expect(messageOf(() => applyChallengeFields(challenge({ valueFunction: ValueFunction.Static }), dto({ [field]: null })))).toBe(`${field} must not be null`);
    }
    const cleared = challenge({ valueFunction: ValueFunction.Static, author: 'kim', connectionInfo: 'nc x 1' });
    applyChallengeFields(cleared, dto({ author: null, connectionInfo: null }));
    expect(cleared).toMatchObject({ author: null, connectionInfo: null });
  });

  it('should require the parameters of the value function when a challenge is checked', () => {
    expect(messageOf(() => assertValueParams(challenge({ valueFunction: ValueFunction.Static })))).toContain('value is required');
    expect(messageOf(() => assertValueParams(challenge({ valueFunction: ValueFunction.Linear, minimum: 1, decay: 1 })))).toContain('initial is required');
    expect(messageOf(() => assertValueParams(challenge({ valueFunction: ValueFunction.Logarithmic, initial: 1, decay: 1 })))).toContain('minimum is required');
    expect(messageOf(() => assertValueParams(challenge({ valueFunction: ValueFunction.Logarithmic, initial: 1, minimum: 1 })))).toContain('decay is required');
    expect(messageOf(() => assertValueParams(challenge({ valueFunction: ValueFunction.Linear, initial: 10, minimum: 11, decay: 1 })))).toContain('minimum');
  });

  it('should default the unused parameters to 0 when the challenge is valid', () => {
    const standard = challenge({ valueFunction: ValueFunction.Static, value: 300 });
    assertValueParams(standard);
    expect(standard).toMatchObject({ value: 300, initial: 0, minimum: 0, decay: 0 });
    const dynamic = challenge({ valueFunction: ValueFunction.Logarithmic, initial: 500, minimum: 500, decay: 0 });
    assertValueParams(dynamic);
    expect(dynamic).toMatchObject({ value: 0, initial: 500, minimum: 500, decay: 0 });
  });

  it('should name the first bad regex flag by its index when flags are checked', () => {
    const flags = [
      { type: FlagKind.Static, content: '(((' },
      { type: FlagKind.Regex, content: 'ACS{[a-z]+}' },
      { type: FlagKind.Regex, content: 'ACS\\{(' },
    ];
    expect(messageOf(() => assertFlags(flags))).toMatch(/^flags\.2\.content is not a valid regular expression/);
    expect(messageOf(() => assertFlags(flags.slice(0, 2)))).toBeNull();
  });
});
