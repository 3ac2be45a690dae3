import instancesFile from './instances.json';

/** Instance types as data: what one instance of a type brings to a cluster and costs on demand. */
export interface InstanceSpec {
  readonly vcpus: number;
  readonly memoryGib: number;
  /** Instance store, in GB as AWS states it. */
  readonly diskGb: number;
  readonly gpus: number;
  readonly onDemandUsdPerHour: number;
}

export interface InstanceCatalog {
  get(instanceType: string): InstanceSpec | undefined;
  types(): string[];
}

export class UnknownInstanceType extends Error {
  constructor(readonly instanceType: string) {
    super(`unknown instance type '${instanceType}'`);
  }
}

export function catalogOf(specs: Readonly<Record<string, InstanceSpec>>): InstanceCatalog {
  const map = new Map(Object.entries(specs));
  return { get: (t) => map.get(t), types: () => [...map.keys()] };
}

/** An instance's resources besides vCPUs; `ebsGb` is --ebs-volume-size, added to every instance's disk. */
export function resourcesOf(
  spec: InstanceSpec,
  ebsGb: number,
): { memGib: number; diskGb: number; gpus: number } {
  return { memGib: spec.memoryGib, diskGb: spec.diskGb + ebsGb, gpus: spec.gpus };
}

export function specOf(catalog: InstanceCatalog, instanceType: string): InstanceSpec {
  const spec = catalog.get(instanceType);
  if (!spec) throw new UnknownInstanceType(instanceType);
  return spec;
}

interface CatalogFile {
  readonly instances: Record<
    string,
    {
      readonly vcpus: number;
      readonly memory_gib: number;
      readonly disk_gb: number;
      readonly gpus: number;
      readonly on_demand_usd_per_hour: number;
    }
  >;
}

let shipped: InstanceCatalog | undefined;

/** The catalog shipped with clusterman (instances.json: EC2 types, on-demand Linux prices). */
export function loadCatalog(): InstanceCatalog {
  if (!shipped) {
    const file = instancesFile as CatalogFile;
    const specs: Record<string, InstanceSpec> = {};
    for (const [type, s] of Object.entries(file.instances)) {
      specs[type] = {
        vcpus: s.vcpus,
        memoryGib: s.memory_gib,
        diskGb: s.disk_gb,
        gpus: s.gpus,
        onDemandUsdPerHour: s.on_demand_usd_per_hour,
      };
    }
    shipped = catalogOf(specs);
  }
  return shipped;
}
