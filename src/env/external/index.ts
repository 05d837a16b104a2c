export { externalConnection, securityFromEnv, startExternalEnvironment, type ExternalOptions } from './external-environment.ts'
