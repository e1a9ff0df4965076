import { usePalauteClient } from '@palaute/react';
import { type FormEvent, useId, useState } from 'react';
import type { CustomerPersona } from '../personas';
import { useScreenHeading } from '../useScreen';

interface Message {
  id: number;
  from: 'agent' | 'customer';
  text: string;
}

const agent = 'Mika from support';

/** A scripted support chat; closing it is the CSAT touchpoint. */
export function Support({ customer }: { customer: CustomerPersona }) {
  const heading = useScreenHeading();
  const palaute = usePalauteClient();
  const inputId = useId();
  const [draft, setDraft] = useState('');
  const [closed, setClosed] = useState(false);
  const [messages, setMessages] = useState<Message[]>([
    {
      id: 1,
      from: 'agent',
      text: `Hi ${customer.name.split(' ')[0]}! I'm Mika. How can I help you with Laskutin today?`,
    },
  ]);

  const sendMessage = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    setMessages((previous) => [
      ...previous,
      { id: previous.length + 1, from: 'customer', text },
      {
        id: previous.length + 2,
        from: 'agent',
        text: 'Thanks, I see it. You can change the reminder schedule under Settings → Reminders; I have switched it to 7 days for you now.',
      },
    ]);
  };

  const end = () => {
    setClosed(true);
    palaute?.track('support.chatClosed', { agent: 'mika' });
  };

  return (
    <>
      <h1 {...heading}>Support</h1>
      <section aria-labelledby="chat-title" className="demo-panel demo-chat">
        <h2 id="chat-title">Chat with {agent}</h2>
        <div role="log" aria-label="Chat messages">
          <ol className="demo-chat__log">
            {messages.map((message) => (
              <li key={message.id} className="demo-chat__message" data-from={message.from}>
                <span className="demo-chat__author">
                  {message.from === 'agent' ? agent : 'You'}
                </span>
                {message.text}
              </li>
            ))}
          </ol>
        </div>
        {closed ? (
          <p className="demo-note">
            The chat has ended. Start a new one any time.{' '}
            <button type="button" className="demo-button" onClick={() => setClosed(false)}>
              New chat
            </button>
          </p>
        ) : (
          <form className="demo-chat__form" onSubmit={sendMessage}>
            <label htmlFor={inputId}>Your message</label>
            <input
              id={inputId}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              autoComplete="off"
            />
            <button type="submit" className="demo-button" data-variant="primary">
              Send
            </button>
            <button type="button" className="demo-button" onClick={end}>
              End chat
            </button>
          </form>
        )}
      </section>
    </>
  );
}
