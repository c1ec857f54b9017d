import 'starknet-sessions/styles.css';
import { Providers } from './providers.jsx';

export const metadata = { title: 'starknet-sessions consumer: Next.js + React 19 + starknet 10' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
