import { useMemo, useState } from "react";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { GUIDE, type GuideTopic } from "../../help/guide";
import { Dialog } from "../common/Dialog";

interface Props {
  onClose: () => void;
  /** The topic to open on (its id); the first one otherwise. */
  initialTopic?: string;
  topics?: GuideTopic[];
}

/** The user guide, offline: the topics on the left, the chosen one on the right, a filter. */
export function UserGuide({ onClose, initialTopic, topics = GUIDE }: Props) {
  const [current, setCurrent] = useState(initialTopic ?? topics[0]?.id);
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    const words = filter.trim().toLowerCase();
    return words ? topics.filter((t) => `${t.title}\n${t.body}`.toLowerCase().includes(words)) : topics;
  }, [filter, topics]);
  const topic = topics.find((t) => t.id === current) ?? shown[0];
  return (
    <Dialog label="User guide" testid="user-guide" title="ClaimDesk user guide" busy={false} onClose={onClose}>
      <div className="guide">
        <nav className="guide-topics" aria-label="Topics">
          <input
            type="search"
            name="guide-filter"
            placeholder="Find in the guide"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label="Find in the guide"
            data-testid="guide-filter"
            autoFocus
          />
          {shown.map((t) => (
            <button
              key={t.id}
              type="button"
              className={t.id === topic?.id ? "guide-topic active" : "guide-topic"}
              aria-current={t.id === topic?.id ? "page" : undefined}
              onClick={() => setCurrent(t.id)}
              data-testid={`guide-topic-${t.id}`}
            >
              {t.title}
            </button>
          ))}
          {shown.length === 0 ? <p className="muted small">Nothing in the guide says “{filter}”.</p> : null}
        </nav>
        <article className="guide-body" data-testid="guide-body">
          {topic ? (
            <>
              <h2>{topic.title}</h2>
              <Markdown remarkPlugins={[remarkGfm]}>{topic.body}</Markdown>
            </>
          ) : null}
        </article>
      </div>
      <div className="field-actions">
        <button type="button" className="btn" onClick={onClose} data-testid="guide-close">
          Close
        </button>
      </div>
    </Dialog>
  );
}
