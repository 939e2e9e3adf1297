import { createHash } from 'node:crypto';

/** A member as exported. */
export interface ExportMember {
  external_id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  added_at: Date;
}

export const CSV_HEADER = ['external_id', 'email', 'phone', 'first_name', 'last_name', 'added_at'];
export const HASHED_HEADER = ['email_sha256', 'phone_sha256'];

/** RFC 4180: quoted when needed, quotes doubled; a leading = + - @ is defused for spreadsheets. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(fields: readonly (string | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Trimmed and lower-cased; null when it is not an e-mail address. */
export function normaliseEmail(email: string | null): string | null {
  const value = email?.trim().toLowerCase() ?? '';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : null;
}

/** Digits only, country code included (E.164 without the +); null when too short. */
export function normalisePhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/^\s*00/, '').replace(/\D/g, '');
  return digits.length >= 8 && digits.length <= 15 ? digits : null;
}

export function sha256(value: string | null): string | null {
  return value === null ? null : createHash('sha256').update(value, 'utf8').digest('hex');
}

export function exportLine(member: ExportMember, format: 'csv' | 'hashed'): string {
  switch (format) {
    case 'csv':
      return csvLine([
        member.external_id,
        member.email,
        member.phone,
        member.first_name,
        member.last_name,
        member.added_at.toISOString(),
      ]);
    case 'hashed':
      return csvLine([sha256(normaliseEmail(member.email)), sha256(normalisePhone(member.phone))]);
    default: {
      const never: never = format;
      throw new Error(`unknown export format ${String(never)}`);
    }
  }
}
