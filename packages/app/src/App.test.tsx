import { render } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page with the guest provider', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Big Data Stack Portal' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    expect(
      await rendered.findByText(
        'Big Data Stack Portal',
        {},
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await rendered.findByText(/Enter as a Guest User/),
    ).toBeInTheDocument();
  });
});
