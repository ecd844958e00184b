import { GUIDE, splitTopics } from "./guide";

describe("the user guide", () => {
  it("has the README's sections for the office and none for developers", () => {
    const titles = GUIDE.map((t) => t.title);
    expect(titles).not.toContain("Tests");
    expect(titles).not.toContain("Benchmarks");
    expect(titles).not.toContain("The two commands");
    // What the office asks about: calibrating the printer, posting an 835, where backups go.
    const text = GUIDE.map((t) => t.body).join("\n");
    expect(text).toMatch(/alignment page/i);
    expect(text).toMatch(/835/);
    expect(text).toMatch(/backup/i);
  });

  it("splits at level-two headings, not at lines of a code block", () => {
    const topics = splitTopics("# Title\nIntro text\n## One\nfirst\n```\n## not a heading\n```\n## Tests\nhidden\n## Two words\nsecond\n");
    expect(topics.map((t) => t.id)).toEqual(["what-claimdesk-does", "one", "two-words"]);
    expect(topics[1].body).toContain("## not a heading");
    expect(topics[0].body).toBe("Intro text");
  });
});
