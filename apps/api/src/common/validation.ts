import type { ClassTransformOptions } from 'class-transformer';
import { ValidateBy, ValidateIf, ValidationOptions, ValidatorOptions } from 'class-validator';
import { isCalendarDate } from '@app/platform';

/**
 * How every input is validated against its DTO: by the API's global ValidationPipe and by the web pages' forms,
 * so that both refuse the same things. Unknown fields are refused, and every error is reported, not the first.
 */
export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: false,
};

/** How a body becomes its DTO (class-transformer): as sent, no implicit conversion. */
export const TRANSFORM_OPTIONS: ClassTransformOptions = {};

/** A real calendar date written YYYY-MM-DD (2025-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a real date written YYYY-MM-DD`,
      },
    },
    options,
  );
}

/**
 * The field may be left out, but when sent it is validated, null included: unlike @IsOptional(), which lets
 * null through to code that expects a value.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_: object, value: unknown) => value !== undefined);
}
