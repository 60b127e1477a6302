export { QueryCatalogsCard } from './QueryCatalogsCard';
