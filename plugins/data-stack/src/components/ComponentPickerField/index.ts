export {
  ComponentPickerField,
  componentPickerValidation,
} from './ComponentPickerField';
export type { ComponentPickerOptions } from './ComponentPickerField';
