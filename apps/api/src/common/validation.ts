import { ValidateBy, ValidationOptions } from 'class-validator';
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
