export { kubernetesContent, kubernetesModule } from './kubernetesModule';
