export interface Config {
  /** The data stack scaffolder actions. */
  dataStack?: {
    library?: {
      /**
       * Component library directories layered over the one shipped with the
       * actions, in order: a later directory replaces a component with the
       * same id. Relative paths are resolved from the backend's working
       * directory.
       */
      directories?: string[];
    };
  };
}
