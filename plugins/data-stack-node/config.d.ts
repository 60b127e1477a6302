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
    /** Where Create data stack may put a new stack repository. */
    publish?: {
      /**
       * Stack repositories as git repositories on this machine, one folder
       * per stack; registered in the catalog as they are created. Off when
       * absent or `enabled: false`.
       */
      local?: {
        /** The folder of the stack repositories; relative to the backend's working directory. */
        directory: string;
        enabled?: boolean;
      };
      /**
       * Where a task keeps the rendered files it offers as a download when
       * there is nowhere to publish; the system's temporary folder when unset.
       */
      downloads?: {
        directory?: string;
      };
    };
  };
}
