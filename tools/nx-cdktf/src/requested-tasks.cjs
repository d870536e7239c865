// @ts-check
// What an Nx invocation asked for, read from its argv: the targets and the configuration. Nx
// drops a configuration that a target does not have and runs the target's plain command, so
// `nx run infra-prod:deploy -c offline` would deploy for real; the plugin refuses it instead.

/**
 * @param {readonly string[]} argv process.argv of the nx CLI (as Nx hands it to preTasksExecution)
 * @returns {{ targets: string[], configuration: string | undefined }}
 */
function requestedTasks(argv) {
  const args = argv.slice(2);
  /** @type {string[]} */
  const targets = [];
  /** @type {string | undefined} */
  let configuration;
  const command = args.find((arg) => !arg.startsWith('-'));
  for (let i = 0; i < args.length; i++) {
    const arg = /** @type {string} */ (args[i]);
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '-c' || flag === '--configuration') {
      configuration = inline ?? args[++i];
    } else if (flag === '-t' || flag === '--target' || flag === '--targets') {
      const values = inline !== undefined ? [inline] : [];
      while (inline === undefined && i + 1 < args.length && !String(args[i + 1]).startsWith('-')) values.push(/** @type {string} */ (args[++i]));
      targets.push(...values.flatMap((value) => value.split(',')).filter(Boolean));
    }
  }
  const positional = args.filter((arg, i) => !arg.startsWith('-') && !['-c', '--configuration', '-t', '--target', '--targets', '-p', '--projects'].includes(String(args[i - 1])));
  if (command === 'run' && positional[1]) {
    // nx run project:target[:configuration]
    const [, target, inlineConfiguration] = positional[1].split(':');
    if (target) targets.push(target);
    configuration ??= inlineConfiguration;
  } else if (command && !['run-many', 'affected', 'run'].includes(command) && positional[1]) {
    // nx <target> <project>, Nx's shorthand for nx run <project>:<target>
    targets.push(command);
  }
  return { targets, configuration };
}

/**
 * The one-line refusal for a requested target that lacks the requested configuration, if any.
 * @param {{ targets: string[], configuration: string | undefined }} requested
 * @param {Record<string, string[]>} configurationsByTarget the configurations of each target this plugin infers
 * @returns {string | undefined}
 */
function unknownConfigurationMessage(requested, configurationsByTarget) {
  const { configuration } = requested;
  if (!configuration) return undefined;
  for (const target of requested.targets) {
    const known = configurationsByTarget[target];
    if (known && !known.includes(configuration)) {
      const has = known.length ? `its configurations are: ${known.join(', ')}` : 'it has none';
      return `target '${target}' has no configuration '${configuration}' (${has}); nothing was run`;
    }
  }
  return undefined;
}

module.exports = { requestedTasks, unknownConfigurationMessage };
