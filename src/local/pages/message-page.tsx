// A page that says one thing: an unknown or replaced link, an expired form, a request the server refuses.
import { Layout, type Chrome } from './layout';

export interface MessagePageProps {
  chrome: Chrome;
  title: string;
  message: string;
  kind: 'error' | 'info' | 'warning';
  /** Where to go next, if there is somewhere. */
  back?: { href: string; label: string };
}

export function MessagePage(props: MessagePageProps) {
  return (
    <Layout {...props.chrome} title={props.title} hasErrors={props.kind === 'error'}>
      <h1>{props.title}</h1>
      <div
        class={`fr-alert fr-alert--${props.kind} fr-mb-4w`}
        role={props.kind === 'error' ? 'alert' : 'status'}
      >
        <p>{props.message}</p>
      </div>
      {props.back && (
        <p>
          <a class="fr-link" href={props.back.href}>
            {props.back.label}
          </a>
        </p>
      )}
    </Layout>
  );
}
