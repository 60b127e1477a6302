export {
  RepositoryPickerField,
  repositoryPickerValidation,
  repositoryChoice,
} from './RepositoryPickerField';
export type {
  RepositoryChoice,
  RepositoryPickerOptions,
} from './RepositoryPickerField';
