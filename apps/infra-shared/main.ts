import { SharedStack, sharedApp } from '@data-platform/constructs';

// What every environment shares (the console's repository); deployed before dev, read through remote state.
const { app, config } = sharedApp();
new SharedStack(app, config);
app.synth();
