/**
 * Jest setup: what CDK prints at every synthesis with a validation plugin is noise in a green
 * run's log: the banner (`Performing Policy Validations`, 22 of them in test/doors alone) and the
 * report when every plugin succeeded. Only those are dropped (a failing report is printed); a test
 * that asserts on what CDK prints spies on console.error itself, which replaces this meanwhile.
 */
const print = console.error.bind(console);
console.error = (...args: unknown[]) => {
  const only = args.length === 1 && typeof args[0] === 'string' ? args[0].trim() : undefined;
  if (only === 'Performing Policy Validations') return;
  if (only?.startsWith('Validation Report') && !/failure/i.test(only)) return;
  print(...args);
};
