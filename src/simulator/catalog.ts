/** Instance types as data: what one instance of a type brings to a cluster and costs on demand. */
export interface InstanceSpec {
  readonly vcpus: number;
  readonly memoryGib: number;
  readonly diskGib: number;
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

export function specOf(catalog: InstanceCatalog, instanceType: string): InstanceSpec {
  const spec = catalog.get(instanceType);
  if (!spec) throw new UnknownInstanceType(instanceType);
  return spec;
}
