export { startContainersEnvironment } from './containers-environment.ts'
export { containerSpecs, REGISTRY_IMAGE, type ContainerSpec } from './container-specs.ts'
export { dockerEngine } from './docker-engine.ts'
