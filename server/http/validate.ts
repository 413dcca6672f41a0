import type { z } from 'zod';
import { AppError } from './errors';

/** Parses input with a zod schema or throws a 400 listing each problem by field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError(
    'validation_failed',
    'Certaines informations sont invalides.',
    result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}
