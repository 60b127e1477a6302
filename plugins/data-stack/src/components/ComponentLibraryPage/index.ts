export { ComponentLibraryPage } from './ComponentLibraryPage';
