export interface Config {
  /** The data stack plugins: the scaffolder actions and the data stack backend. */
  dataStack?: {
    library?: {
      /**
       * Component library directories layered over the one shipped with the
       * actions, in order: a later directory replaces a component with the
       * same id. Relative paths are resolved from the backend's working
       * directory.
       */
      directories?: string[];
      /**
       * Library trees read through the URL reader (any configured
       * integration), e.g.
       * https://github.com/acme/data-components/tree/main/library; layered
       * after the directories.
       */
      urls?: string[];
    };
  };
}
