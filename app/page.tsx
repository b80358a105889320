export default function Home() {
  return (
    <section>
      <h1 className="text-3xl font-bold">Learn SQL one step at a time</h1>
    </section>
  );
}
