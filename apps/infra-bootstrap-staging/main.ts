import { BootstrapStack, bootstrapApp } from '@data-platform/constructs';

// Once per AWS account, by an administrator: see the README's 'First deploy into a real account'.
const { app, config } = bootstrapApp();
new BootstrapStack(app, config);
app.synth();
