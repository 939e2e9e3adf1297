import { useState } from 'react';
import { describeError } from '../../api/api-client';

/**
 * State of a dry run for a customer (TryOnCustomerForm): the id typed, the last answer or
 * error, and `run`, which asks `ask` with the id (left out when empty) and resolves true
 * when an answer came.
 */
export interface DryRunState<T = unknown> {
  customer: string;
  setCustomer: (customer: string) => void;
  result: T | null;
  error: string | null;
  setError: (error: string | null) => void;
  busy: boolean;
  run: () => Promise<boolean>;
}

export function useDryRun<T>(
  ask: (customer: string | undefined) => Promise<T>,
  initialCustomer = '',
): DryRunState<T> {
  const [customer, setCustomer] = useState(initialCustomer);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      setResult(await ask(customer.trim() || undefined));
      return true;
    } catch (e) {
      setResult(null);
      setError(describeError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { customer, setCustomer, result, error, setError, busy, run };
}
