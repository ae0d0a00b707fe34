-- The bakery's catalog. Prices in cents; bake time is one batch at normal oven speed;
-- allergens comma-separated (EU allergen names), empty when there are none.
INSERT INTO product (sku, name, description, price_cents, bake_seconds, allergens) VALUES
 ('croissant',        'Butter croissant',         'Laminated dough with French butter, 27 layers, baked golden.',            180,  18, 'gluten,milk'),
 ('pain-au-chocolat', 'Pain au chocolat',         'Croissant dough rolled around two bars of dark chocolate.',               210,  18, 'gluten,milk,soy'),
 ('baguette',         'Baguette tradition',       'Long-fermented wheat baguette with a crackling crust.',                   140,  25, 'gluten'),
 ('sourdough-loaf',   'Country sourdough loaf',   'Wheat and rye sourdough, 36-hour fermentation, 900 g.',                   620,  45, 'gluten'),
 ('rye-bread',        'Dark rye bread',           'Whole rye with sunflower seeds, dense and moist, 750 g.',                 540,  55, 'gluten'),
 ('cinnamon-roll',    'Cinnamon roll',            'Brioche swirl with cinnamon sugar and a cream-cheese glaze.',             290,  22, 'gluten,milk,eggs'),
 ('apple-turnover',   'Apple turnover',           'Puff pastry filled with baked apples and a hint of lemon.',               260,  24, 'gluten,milk'),
 ('almond-croissant', 'Almond croissant',         'Twice-baked croissant filled with almond cream, topped with flakes.',     310,  20, 'gluten,milk,eggs,nuts'),
 ('brioche',          'Brioche loaf',             'Rich loaf with butter and eggs, soft crumb, 500 g.',                      480,  35, 'gluten,milk,eggs'),
 ('focaccia',         'Rosemary focaccia',        'Olive oil focaccia with rosemary and flaky sea salt.',                    390,  28, 'gluten'),
 ('pretzel',          'Laugen pretzel',           'Lye-dipped Bavarian pretzel with coarse salt.',                           150,  16, 'gluten'),
 ('lemon-tart',       'Lemon tart',               'Shortcrust tart with a sharp lemon curd, individual size.',               420,  30, 'gluten,milk,eggs'),
 ('carrot-cake',      'Carrot cake slice',        'Spiced carrot cake with walnuts and cream-cheese frosting.',              380,  40, 'gluten,milk,eggs,nuts'),
 ('spelt-roll',       'Spelt roll',               'Whole spelt roll with pumpkin seeds.',                                     90,  15, 'gluten'),
 ('gluten-free-loaf', 'Gluten-free seeded loaf',  'Buckwheat and rice flour loaf with linseed and chia.',                    650,  50, '');
