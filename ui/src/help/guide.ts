/**
 * The user guide: the README's sections for the people who use ClaimDesk, read inside the app
 * with no network (the README is built into the window's code). Each `## ` heading is a topic;
 * the sections for developers (building, testing, benchmarking) are left out.
 */
import readme from "../../../README.md?raw";

export interface GuideTopic {
  /** The heading's text: "Backups". */
  title: string;
  /** A stable id for links and tests: "backups". */
  id: string;
  /** The section's Markdown, without its heading. */
  body: string;
}

/** Sections for developers, not for the office: building, testing, measuring, the code's layout. */
const FOR_DEVELOPERS = new Set(["The two commands", "Tests", "Benchmarks", "Layout"]);

export function topicId(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Splits `markdown` at its `## ` headings (not inside fenced code) into topics. The text
 * before the first heading (the introduction) is the first topic, "About ClaimDesk". */
export function splitTopics(markdown: string): GuideTopic[] {
  const topics: GuideTopic[] = [];
  let title = "What ClaimDesk does";
  let lines: string[] = [];
  let fenced = false;
  const flush = () => {
    const body = lines.join("\n").trim();
    if (body && !FOR_DEVELOPERS.has(title)) topics.push({ title, id: topicId(title), body });
  };
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    if (!fenced && line.startsWith("# ")) continue;
    if (!fenced && line.startsWith("## ")) {
      flush();
      title = line.slice(3).trim();
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return topics;
}

export const GUIDE: GuideTopic[] = splitTopics(readme);
