import { EnvironmentStack, environmentApp } from '@data-platform/constructs';

// Everything this environment differs in lives in ./cdktf.json (context); the stack is shared.
const { app, config, artifacts } = environmentApp();
new EnvironmentStack(app, config, artifacts);
app.synth();
