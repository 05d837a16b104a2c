export { startTcpProxy, type TcpProxy } from './tcp-proxy.ts'
export { checkNetworkFault, effectOn, type Direction, type NetworkFault } from './network-fault.ts'
