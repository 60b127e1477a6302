import { z } from 'zod';
import { dnsLabel } from './names';
import { singleLineText } from './text';

/**
 * Size profiles. Descriptors give resources for the three built-in ones; a
 * library may add more in `profiles.yaml`, each scaled from a built-in one,
 * so a new profile needs no descriptor changes.
 */
export const BUILT_IN_PROFILES = ['dev', 'small', 'production'] as const;

export const profileSchema = z.strictObject({
  id: dnsLabel,
  description: singleLineText,
  /** The built-in profile whose resources are scaled. */
  basedOn: z.enum(BUILT_IN_PROFILES).optional(),
  scale: z
    .strictObject({
      cpu: z.number().positive().default(1),
      memory: z.number().positive().default(1),
      disk: z.number().positive().default(1),
    })
    .default({ cpu: 1, memory: 1, disk: 1 }),
  /**
   * Share of each CPU limit a pod requests on Kubernetes: below 1 lets a
   * small cluster schedule the stack, 1 reserves every core it may use.
   */
  cpuRequest: z.number().min(0.05).max(1).default(1),
});

export type Profile = z.output<typeof profileSchema>;

export const builtInProfiles: Profile[] = [
  {
    id: 'dev',
    description: 'One laptop: single nodes, small heaps, no replicas.',
    scale: { cpu: 1, memory: 1, disk: 1 },
    cpuRequest: 0.25,
  },
  {
    id: 'small',
    description:
      'A shared test or team environment: single nodes with room to work.',
    scale: { cpu: 1, memory: 1, disk: 1 },
    cpuRequest: 0.5,
  },
  {
    id: 'production',
    description:
      'Production sizing: larger heaps and volumes; scale-out settings apply on Kubernetes.',
    scale: { cpu: 1, memory: 1, disk: 1 },
    cpuRequest: 1,
  },
];

export const profilesFileSchema = z.strictObject({
  profiles: z.array(profileSchema.required({ basedOn: true })),
});
