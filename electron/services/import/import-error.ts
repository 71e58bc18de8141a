// A file that cannot be imported: the message says what and where, in Japanese, for the UI.
import { DbError } from '../../../db/errors.js';

export const importError = (message: string): DbError => new DbError('INVALID', message);
