/** `cdk synth` / `cdk deploy` entry (cdk.json runs it through tsx). */
import { App } from 'aws-cdk-lib';
import { buildMonitorApp } from '../lib/app.js';

buildMonitorApp(new App()).app.synth();
