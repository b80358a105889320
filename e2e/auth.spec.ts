import {
  ADMIN,
  apiContext,
  apiSignUp,
  confirmSignUpInBrowser,
  expect,
  expectNoA11yViolations,
  linkIn,
  MODERATOR,
  newLearner,
  randomIp,
  signedInContext,
  signedInLearner,
  test,
  useTheme,
  waitForMail,
} from "./fixtures";

/**
 * The reset link of the newest reset mail to `email`. Mail leaves after the response (and the
 * account's confirmation mail came before it), so this waits for the reset mail itself.
 */
async function resetLinkFor(email: string): Promise<string> {
  const link = linkIn(await waitForMail(email, /^Reset your/), "/reset-password");
  return link.pathname + link.search;
}

test.use({ extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });

test.describe("a learner's account", () => {
  test("signs up from a lesson, returns to it, signs out, fails then succeeds to sign in", async ({ page }) => {
    test.slow(); // a whole journey: sign-up mail, confirmation, three sign-ins (30 s is short on a busy machine)
    const user = newLearner();
    await page.goto("/tracks/sql/select-basics");
    await page
      .locator("section[aria-labelledby=discussion]")
      .getByRole("link", { name: "Sign up", exact: true })
      .click();
    await expect(page).toHaveURL(/\/signup\?next=(%2F|\/)tracks(%2F|\/)sql(%2F|\/)select-basics$/);
    await page.waitForLoadState("networkidle");

    // a bad submit keeps what was typed and names the field
    await page.getByLabel("Name").fill(user.name);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill("password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText(/most common passwords/)).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue(user.name);
    await expect(page.getByLabel("Email")).toHaveValue(user.email);

    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Create account" }).click();
    // the account is made from the mailed link, which leads back to the lesson
    await confirmSignUpInBrowser(page, user.email);
    await expect(page).toHaveURL("/tracks/sql/select-basics");
    const menu = page.getByRole("button", { name: user.name });
    await expect(menu).toBeVisible();

    await menu.click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not-my-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is not correct." })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(user.email);

    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/tracks/sql/select-basics");
    await expect(page.getByRole("button", { name: user.name })).toBeVisible();
  });

  test("the header does not move when a signed-in learner's bell arrives; signing out drops the hint @mobile", async ({
    browser,
    baseURL,
    playwright,
  }) => {
    const { user, context } = await signedInLearner({ browser, playwright, baseURL }, "header");
    const page = await context.newPage();
    await page.goto("/tracks/sql/select-basics"); // the first visit learns that this browser is signed in
    await expect(page.getByRole("button", { name: /Notifications: \d+ unread/ })).toBeVisible();
    await expect(page.locator("html")).toHaveClass(/signed-in/);

    // Record where the theme control (left of the bell; a group on wide screens, one button on phones) is
    // before React runs, and every layout shift.
    await page.addInitScript(() => {
      const w = window as unknown as { __shifts: number; __firstX: number | null };
      w.__shifts = 0;
      w.__firstX = null;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) w.__shifts += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
      document.addEventListener("DOMContentLoaded", () => {
        const shown = [...document.querySelectorAll('header [aria-label^="Colour theme"]')].find(
          (e) => e.getBoundingClientRect().width > 0,
        );
        w.__firstX = shown?.getBoundingClientRect().x ?? null;
      });
    });
    await page.reload();
    await expect(page.getByRole("button", { name: /Notifications: \d+ unread/ })).toBeVisible();
    await expect(page.getByRole("button", { name: user.name })).toBeVisible();
    const { firstX, lastX, shifts, overflow } = await page.evaluate(() => {
      const w = window as unknown as { __shifts: number; __firstX: number | null };
      return {
        firstX: w.__firstX,
        lastX: [...document.querySelectorAll('header [aria-label^="Colour theme"]')]
          .map((e) => e.getBoundingClientRect())
          .find((b) => b.width > 0)!.x,
        shifts: w.__shifts,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    expect(firstX).toBeGreaterThan(0);
    expect(lastX).toBe(firstX);
    expect(shifts).toBe(0);
    expect(overflow, "the signed-in header fits the phone's width").toBeLessThanOrEqual(0);
    if (page.viewportSize()!.width < 640) {
      // the phone's theme button cycles light → dark → system
      await page.getByRole("button", { name: /^Colour theme: System/ }).click();
      await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
      await page.getByRole("button", { name: /^Colour theme: Light/ }).click();
      await expect(page.locator("html")).toHaveClass(/dark/);
    }

    await page.getByRole("button", { name: user.name }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(page.locator("html")).not.toHaveClass(/signed-in/);
    expect(await page.evaluate(() => localStorage.getItem("lnv-signed-in"))).toBeNull();
    await context.close();
  });

  test("resets a forgotten password through the outbox", async ({ page, playwright, baseURL }) => {
    const user = newLearner();
    await apiSignUp(await apiContext(playwright, baseURL), user);
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "If an account exists for that email" })).toBeVisible();

    await page.goto(await resetLinkFor(user.email));
    await page.waitForLoadState("networkidle");
    await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
    await page.getByLabel("Confirm new password").fill("a-brand-new-password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(/Password changed/)).toBeVisible();

    await page.goto("/login");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("a-brand-new-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: user.name })).toBeVisible();

    // the link works once
    await page.goto(await resetLinkFor(user.email));
    await page.waitForLoadState("networkidle");
    await page.getByLabel("New password", { exact: true }).fill("yet-another-password");
    await page.getByLabel("Confirm new password").fill("yet-another-password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(/invalid, expired or already used/)).toBeVisible();
  });

  test("signing out of all devices in one browser ends the session in another", async ({
    browser,
    baseURL,
    playwright,
  }) => {
    const user = newLearner();
    await apiSignUp(await apiContext(playwright, baseURL), user);
    const laptop = await signedInContext(browser, baseURL, user);
    const phone = await signedInContext(browser, baseURL, user);
    const phonePage = await phone.newPage();
    await phonePage.goto("/account");
    await expect(phonePage.locator("dd", { hasText: user.email })).toBeVisible();

    const laptopPage = await laptop.newPage();
    await laptopPage.goto("/account");
    await laptopPage.getByRole("button", { name: "Sign out of all devices" }).click();
    await expect(laptopPage).toHaveURL(/\/login/);

    await phonePage.reload();
    await expect(phonePage.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    await laptop.close();
    await phone.close();
  });
});

test.describe("staff", () => {
  test("an admin promotes a learner to moderator", async ({ browser, baseURL, playwright }) => {
    const learner = newLearner("promoted");
    await apiSignUp(await apiContext(playwright, baseURL), learner);
    const admin = await signedInContext(browser, baseURL, ADMIN);
    const page = await admin.newPage();
    await page.goto("/admin/users");
    await page.getByLabel("Search users").fill(learner.email);
    await page.getByLabel("Search users").press("Enter");
    const role = page.getByLabel(`Role for ${learner.name}`);
    await expect(role).toHaveValue("LEARNER");
    await role.selectOption("MODERATOR");
    await expect(page.getByText("Saved").first()).toBeVisible();

    const learnerContext = await signedInContext(browser, baseURL, learner);
    const me = await (await learnerContext.request.get("/api/v1/me")).json();
    expect(me.user.role).toBe("MODERATOR");
    await admin.close();
    await learnerContext.close();
  });

  test("a banned user is signed out on the next page view", async ({ browser, baseURL, playwright }) => {
    const { user: learner, context } = await signedInLearner({ browser, playwright, baseURL }, "banned");
    const { id } = learner;
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("button", { name: learner.name })).toBeVisible();

    const mod = await apiContext(playwright, baseURL);
    await mod.post("/api/v1/auth/sign-in", { data: MODERATOR });
    expect((await mod.post(`/api/v1/admin/users/${id}/ban`, { data: { reason: "spam" } })).status()).toBe(200);

    await page.reload();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await context.close();
  });

  test("learners are told the admin page is for admins", async ({ browser, baseURL, playwright }) => {
    const { context } = await signedInLearner({ browser, playwright, baseURL });
    const page = await context.newPage();
    await page.goto("/admin/users");
    await expect(page.getByText(/Admins only/)).toBeVisible();
    await context.close();
  });
});

test.describe("accessibility of the account pages", () => {
  for (const theme of ["light", "dark"] as const) {
    test(`login, signup, forgot, reset, account and admin pages have no axe violations (${theme})`, async ({
      browser,
      baseURL,
    }) => {
      // several full axe passes: on two loaded cores one takes up to ~10 s, more than a third of the default 30 s
      test.slow();
      const context = await signedInContext(browser, baseURL, ADMIN);
      const page = await context.newPage();
      await useTheme(page, theme);
      for (const url of ["/account", "/admin/users"]) {
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        await expectNoA11yViolations(page);
      }
      const guest = await (await browser.newContext({ baseURL })).newPage();
      await useTheme(guest, theme);
      for (const url of ["/login", "/signup", "/forgot-password", "/reset-password?token=abc"]) {
        await guest.goto(url);
        await guest.waitForLoadState("networkidle");
        await expectNoA11yViolations(guest);
      }
      await context.close();
    });
  }
});
