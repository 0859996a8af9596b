import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { AppError, type FieldProblem } from '../errors/app-error';

/** Chinese wording for rules declared without a message of their own. */
const RULE_MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isString: '须为文字',
  isInt: '须为整数',
  isNumber: '须为数字',
  isBoolean: '须为是或否',
  isEnum: '取值不正确',
  isUuid: '编号格式不正确',
  isDate: '日期格式不正确',
  isUrl: '网址格式不正确',
  isObject: '格式不正确',
  min: '小于允许的最小值',
  max: '超过允许的最大值',
  minLength: '过短',
  maxLength: '过长',
  arrayMinSize: '项数过少',
  arrayMaxSize: '项数过多',
  matches: '格式不正确',
  minDate: '日期超出范围',
  maxDate: '日期超出范围',
  nestedValidation: '格式不正确',
};

/** Messages and patterns the feature inputs share (one wording for the same rule everywhere). */
export const UUID_MESSAGE = '编号格式不正确';
/** A calendar day as the API takes it: YYYY-MM-DD. */
export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export const ISO_DAY_MESSAGE = '日期格式应为 YYYY-MM-DD';

const CHINESE = /[\u4e00-\u9fa5]/;

function problems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: CHINESE.test(message)
        ? message
        : rule === 'whitelistValidation'
          ? `不允许的字段：${field}`
          : `${field}${RULE_MESSAGES[rule] ?? '不正确'}`,
    }));
    return [...own, ...problems(e.children ?? [], field)];
  });
}

/** Input data as GraphQL hands it over: plain objects (or null-prototype ones) and arrays. */
function isPlainData(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Every string and list in input data (not in request objects such as the context), with depth. */
function* inputParts(value: unknown, depth = 0): Generator<string | unknown[]> {
  if (depth > 32) return;
  if (typeof value === 'string') {
    yield value;
  } else if (Array.isArray(value)) {
    yield value;
    for (const item of value) yield* inputParts(item, depth + 1);
  } else if (isPlainData(value)) {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* inputParts(item, depth + 1);
    }
  }
}

/** True when a string anywhere in the input holds a NUL character, which no text column can store. */
export function containsNul(value: unknown): boolean {
  for (const part of inputParts(value)) {
    if (typeof part === 'string' && part.includes('\u0000')) return true;
  }
  return false;
}

/**
 * Backstops for every input, whatever its own rules: no text longer than this (the longest field,
 * a report's narrative, takes 5,000) and no list longer than this (the longest takes 500).
 */
export const MAX_INPUT_TEXT_LENGTH = 10_000;
export const MAX_INPUT_LIST_LENGTH = 1_000;

/** True when a text or a list anywhere in the input is longer than any input may be. */
export function exceedsInputBounds(value: unknown): boolean {
  for (const part of inputParts(value)) {
    if (
      typeof part === 'string'
        ? part.length > MAX_INPUT_TEXT_LENGTH
        : part.length > MAX_INPUT_LIST_LENGTH
    )
      return true;
  }
  return false;
}

/**
 * For an optional field that can be left out but not cleared: `undefined` skips its rules, `null`
 * is validated (and refused by them) like any other value.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * The global pipe: every argument of every operation (scalars included) is first checked for
 * characters no column can hold, then validated by its class-validator rules.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (containsNul(value)) throw AppError.badInput('ILLEGAL_CHARACTER', '输入包含非法字符');
    if (exceedsInputBounds(value)) throw AppError.badInput('TOO_LONG', '输入内容过长');
    return super.transform(value, metadata);
  }
}

/** class-validator rules on every input; all problems are reported at once, in Chinese. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = problems(errors);
      return AppError.badInput(
        'VALIDATION',
        fields.map((f) => f.message).join('；') || '输入不正确',
        fields,
      );
    },
  });
}

/** Annual disclosure reports: the longest text section, the largest cell value, the most cells. */
export const ANNUAL_SECTION_MAX_LENGTH = 8_000;
export const ANNUAL_CELL_MAX_VALUE = 1_000_000_000;
export const ANNUAL_CELLS_MAX = 400;
