/** A minimal App Router app: nothing fetched at build time (no next/font/google, no remote images). */
export default { images: { unoptimized: true } };
