export { StacksOverview, CREATE_STACK_PATH } from './StacksOverview';
