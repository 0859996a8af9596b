import { Injectable } from '@nestjs/common';

/**
 * Whether the code-level tenant checks (the first of the two tenancy layers) run. Always on in the
 * application: no setting, environment variable or configuration file reaches it. Only a test
 * module replaces it (`Test.createTestingModule(...).overrideProvider(TenancyChecks)`) to prove
 * that row-level security alone keeps the tenants apart.
 */
@Injectable()
export class TenancyChecks {
  readonly inCode: boolean = true;
}
