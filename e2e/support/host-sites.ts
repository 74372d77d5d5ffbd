import { test } from "../fixtures";
import { ThirdPartySite } from "../pages/widget-host-page";

type SiteOptions = Omit<Parameters<typeof ThirdPartySite.start>[0], "parleyUrl">;

/** The third-party sites a widget spec embeds Parley on (PARLEY_E2E_BASE_URL); closeAll() in afterAll. */
export class HostSites {
  readonly parleyUrl = process.env.PARLEY_E2E_BASE_URL!;
  private readonly started: ThirdPartySite[] = [];

  async start(options: SiteOptions): Promise<ThirdPartySite> {
    const site = await ThirdPartySite.start({ parleyUrl: this.parleyUrl, ...options });
    this.started.push(site);
    return site;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((s) => s.close()));
  }
}

/** HostSites for the calling describe, all closed in its afterAll. */
export function setUpHostSites(): HostSites {
  const sites = new HostSites();
  test.afterAll(async () => {
    await sites.closeAll();
  });
  return sites;
}
