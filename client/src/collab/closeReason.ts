import { CloseCode } from '@plenary/shared/protocol';
import { strings } from '../lib/strings';

/** What to tell a person after the server closed the connection for good with `code`. */
export function closeReasonMessage(code: number): string {
  switch (code) {
    case CloseCode.Unauthorized:
      return strings.closeReasons.unauthorized;
    case CloseCode.Forbidden:
      return strings.closeReasons.noAccess;
    case CloseCode.DocumentNotFound:
      // Also what someone with the document open hears when its group or brief is deleted.
      return strings.closeReasons.documentGone;
    case CloseCode.BadMessage:
      return strings.closeReasons.invalidLink;
    case CloseCode.MessageTooBig:
      return strings.closeReasons.tooLarge;
    default:
      return strings.closeReasons.generic;
  }
}
