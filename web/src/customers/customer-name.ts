/** How a customer is named on screen: the `name` trait, else first and last name, else e-mail. */
export function customerName(traits: Record<string, unknown>): string | null {
  const text = (key: string) => {
    const value = traits[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  const full = [text('first_name'), text('last_name')].filter(Boolean).join(' ');
  return text('name') ?? (full || null) ?? text('email');
}
