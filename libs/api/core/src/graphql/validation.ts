import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError, type FieldProblem } from '../errors/app-error';

function problems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.includes('should not exist') ? `不允许的字段：${field}` : message,
    }));
    return [...own, ...problems(e.children ?? [], field)];
  });
}

/** class-validator rules on every input; all problems are reported at once, in Chinese. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
