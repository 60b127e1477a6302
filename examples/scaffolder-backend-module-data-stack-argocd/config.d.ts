export interface Config {
  /** Where the example Argo CD target points its Applications. */
  dataStackArgoCd?: {
    /**
     * The forge URL stack repositories are created under, e.g.
     * `https://github.com/acme`: an Application syncs
     * `<repositoryBase>/<stack name>.git`: the Create data stack form names
     * the repository after the stack unless the user changes it.
     */
    repositoryBase: string;
    /** The Argo CD project of the Applications. @default default */
    project?: string;
    /** The namespace Argo CD watches for Applications. @default argocd */
    namespace?: string;
  };
}
