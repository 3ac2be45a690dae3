import { Flags } from '@oclif/core';
import { BaseCommand } from '../src/cli/command';

export default class GenerateInventory extends BaseCommand {
  static override summary =
    'Generate a device inventory (serial, model, product id, location) for telemetry.';

  static override description = `Writes DIR/inventory.csv (sn,model,product_id,location) and DIR/README.md, whose front matter names the customer, the inventory and the data files. Server types and locations come from CSV tables (the reference's columns, plus optional weight, tz and numeric attribute columns); the package ships its own. Existing files are replaced only after confirmation (or with --yes).`;

  static override examples = [
    '<%= config.bin %> <%= command.id %> --directory fleet --count 400 --seed 7',
    '<%= config.bin %> <%= command.id %> --directory fleet --count 50 --types server_types.csv --locations locations.csv',
  ];

  static override flags = {
    directory: Flags.string({
      char: 'd',
      description: 'Folder to write into (made when missing).',
      required: true,
    }),
    count: Flags.integer({
      char: 'n',
      description: 'Number of devices.',
      required: true,
      min: 1,
      max: 10_000_000,
    }),
    seed: Flags.string({
      description: '[default: the current epoch second] Random seed, a non-negative integer.',
    }),
    types: Flags.string({
      description: '[default: the shipped table] Server types CSV: type,model,product_id[,weight,...].',
    }),
    locations: Flags.string({
      description: '[default: the shipped table] Locations CSV: loc,location[,tz,weight,...].',
    }),
    yes: Flags.boolean({
      char: 'y',
      description: 'Replace an existing inventory without asking.',
      default: false,
    }),
    json: Flags.boolean({ description: 'Print the summary as JSON.', default: false }),
    quiet: Flags.boolean({ char: 'q', description: 'Print nothing but errors.', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(GenerateInventory);
    const { runGenerateInventory } = await import('../src/cli/generate-inventory');
    await runGenerateInventory(flags, this.config.root);
  }
}
