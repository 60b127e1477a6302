export { ComponentStatusCard } from './ComponentStatusCard';
