/**
 * The data stack backend: stack plans for the portal's forms.
 *
 * @packageDocumentation
 */

export { dataStackPlugin as default } from './plugin';
