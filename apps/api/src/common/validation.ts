import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@app/platform';

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
